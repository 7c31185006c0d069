"""The coordinator's year: audit checklists, the action plan, the årshjul, calendar feeds,
"still correct?" confirmations

Existing audits get an empty checklist; existing points have never been confirmed.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 05:18:00.635349

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_feed',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_calendar_feed_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feed')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feed_token_hash')),
    sa.UniqueConstraint('user_id', name=op.f('uq_calendar_feed_user_id'))
    )
    op.create_table('municipal_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('every_months', sa.Integer(), nullable=False),
    sa.Column('first_due', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_municipal_task_municipality_id_municipality')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipal_task'))
    )
    with op.batch_alter_table('municipal_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_municipal_task_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('task_done',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('task', sa.String(length=60), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=False),
    sa.Column('user_email', sa.String(length=254), nullable=True),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_task_done_municipality_id_municipality')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_done'))
    )
    with op.batch_alter_table('task_done', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_done_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=True),
    sa.Column('criterion', sa.String(length=40), nullable=True),
    sa.Column('audit_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('responsible', sa.String(length=200), nullable=False),
    sa.Column('responsible_user_id', sa.Integer(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('financing_source', sa.String(length=200), nullable=True),
    sa.Column('financing_amount_sek', sa.Integer(), nullable=True),
    sa.Column('financing_approved', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=254), nullable=True),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_action_audit_id_audit')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_action_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['point_id'], ['point.id'], name=op.f('fk_action_point_id_point')),
    sa.ForeignKeyConstraint(['responsible_user_id'], ['user.id'], name=op.f('fk_action_responsible_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action'))
    )
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.create_index('ix_action_municipality_deadline', ['municipality_id', 'deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_point_id'), ['point_id'], unique=False)

    op.create_table('action_status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_email', sa.String(length=254), nullable=True),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_action_status_change_action_id_action')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_status_change'))
    )
    with op.batch_alter_table('action_status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_status_change_action_id'), ['action_id'], unique=False)

    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('present', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('checklist', sa.JSON(), server_default='[]', nullable=False))
        batch_op.add_column(sa.Column('criteria_version', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('findings', sa.Text(), nullable=True))

    with op.batch_alter_table('point', schema=None) as batch_op:
        batch_op.add_column(sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True))



def downgrade():
    with op.batch_alter_table('point', schema=None) as batch_op:
        batch_op.drop_column('confirmed_at')

    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_column('findings')
        batch_op.drop_column('criteria_version')
        batch_op.drop_column('checklist')
        batch_op.drop_column('present')

    with op.batch_alter_table('action_status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_status_change_action_id'))

    op.drop_table('action_status_change')
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_point_id'))
        batch_op.drop_index('ix_action_municipality_deadline')

    op.drop_table('action')
    with op.batch_alter_table('task_done', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_done_municipality_id'))

    op.drop_table('task_done')
    with op.batch_alter_table('municipal_task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_municipal_task_municipality_id'))

    op.drop_table('municipal_task')
    op.drop_table('calendar_feed')
