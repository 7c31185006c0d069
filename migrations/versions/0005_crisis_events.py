"""Crisis events: activations, the crisis log, fuel readings; a point's current event

An event (or an exercise) groups the state changes of points (`crisis_activation`), the log
entries and fuel readings made during it. Existing points belong to no event.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 04:28:07.009960

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('crisis_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('exercise', sa.Boolean(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.String(length=254), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crisis_event'))
    )
    op.create_table('crisis_activation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('message', sa.String(length=500), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_email', sa.String(length=254), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['crisis_event.id'], name=op.f('fk_crisis_activation_event_id_crisis_event')),
    sa.ForeignKeyConstraint(['point_id'], ['point.id'], name=op.f('fk_crisis_activation_point_id_point')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crisis_activation'))
    )
    with op.batch_alter_table('crisis_activation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crisis_activation_at'), ['at'], unique=False)
        batch_op.create_index('ix_crisis_activation_event_point', ['event_id', 'point_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_crisis_activation_point_id'), ['point_id'], unique=False)

    op.create_table('crisis_log_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_email', sa.String(length=254), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('people', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['crisis_event.id'], name=op.f('fk_crisis_log_entry_event_id_crisis_event')),
    sa.ForeignKeyConstraint(['point_id'], ['point.id'], name=op.f('fk_crisis_log_entry_point_id_point')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crisis_log_entry'))
    )
    with op.batch_alter_table('crisis_log_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crisis_log_entry_event_id'), ['event_id'], unique=False)
        batch_op.create_index('ix_crisis_log_point_at', ['point_id', 'at'], unique=False)

    op.create_table('fuel_reading',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_email', sa.String(length=254), nullable=True),
    sa.Column('litres', sa.Double(), nullable=True),
    sa.Column('percent', sa.Double(), nullable=True),
    sa.Column('refuelled', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['crisis_event.id'], name=op.f('fk_fuel_reading_event_id_crisis_event')),
    sa.ForeignKeyConstraint(['point_id'], ['point.id'], name=op.f('fk_fuel_reading_point_id_point')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fuel_reading'))
    )
    with op.batch_alter_table('fuel_reading', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fuel_reading_event_id'), ['event_id'], unique=False)
        batch_op.create_index('ix_fuel_reading_point_at', ['point_id', 'at'], unique=False)

    with op.batch_alter_table('point', schema=None) as batch_op:
        batch_op.add_column(sa.Column('crisis_event_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_point_crisis_event_id_crisis_event'), 'crisis_event', ['crisis_event_id'], ['id'])



def downgrade():
    with op.batch_alter_table('point', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_point_crisis_event_id_crisis_event'), type_='foreignkey')
        batch_op.drop_column('crisis_event_id')

    with op.batch_alter_table('fuel_reading', schema=None) as batch_op:
        batch_op.drop_index('ix_fuel_reading_point_at')
        batch_op.drop_index(batch_op.f('ix_fuel_reading_event_id'))

    op.drop_table('fuel_reading')
    with op.batch_alter_table('crisis_log_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_crisis_log_point_at')
        batch_op.drop_index(batch_op.f('ix_crisis_log_entry_event_id'))

    op.drop_table('crisis_log_entry')
    with op.batch_alter_table('crisis_activation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_crisis_activation_point_id'))
        batch_op.drop_index('ix_crisis_activation_event_point')
        batch_op.drop_index(batch_op.f('ix_crisis_activation_at'))

    op.drop_table('crisis_activation')
    op.drop_table('crisis_event')
