"""Area crisis staff: the people holding the area roles (AREA-STAFF, criteria 2026.2), their
change history, and each area's staff review date and staff version

Existing areas start with no staff, never reviewed, at staff version 1.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 04:35:12.175449

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('area_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('user_email', sa.String(length=254), nullable=True),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_area_change_area_id_area')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_area_change_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_area_change'))
    )
    with op.batch_alter_table('area_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_area_change_area_id'), ['area_id'], unique=False)

    op.create_table('area_contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('alt_phone', sa.String(length=20), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_area_contact_area_id_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_area_contact'))
    )
    with op.batch_alter_table('area_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_area_contact_area_id'), ['area_id'], unique=False)

    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.add_column(sa.Column('staff_reviewed', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('staff_version', sa.Integer(), server_default='1', nullable=False))



def downgrade():
    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.drop_column('staff_version')
        batch_op.drop_column('staff_reviewed')

    with op.batch_alter_table('area_contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_area_contact_area_id'))

    op.drop_table('area_contact')
    with op.batch_alter_table('area_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_area_change_area_id'))

    op.drop_table('area_change')
