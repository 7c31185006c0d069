"""posted sheets replace the download log; public content versions; audit's auditor

Downloading a PDF no longer counts as printing (issue 8): the old notice_print rows recorded
downloads, not sheets put up, so they are dropped rather than carried over as postings.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 01:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('point', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('auditor', sa.String(length=200), nullable=True))

    op.create_table('notice_posting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('posted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('user_email', sa.String(length=254), nullable=True),
    sa.Column('content_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['point_id'], ['point.id'], name=op.f('fk_notice_posting_point_id_point')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_notice_posting_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice_posting'))
    )
    with op.batch_alter_table('notice_posting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_posting_point_id'), ['point_id'], unique=False)

    revisions = op.create_table('public_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('content_version', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['point_id'], ['point.id'], name=op.f('fk_public_revision_point_id_point')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_public_revision'))
    )
    with op.batch_alter_table('public_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_public_revision_point_id'), ['point_id'], unique=False)

    # Every existing point starts at content version 1, as of its last public change.
    op.execute(
        "INSERT INTO public_revision (point_id, content_version, changed_at) "
        "SELECT id, 1, public_changed_at FROM point"
    )

    with op.batch_alter_table('notice_print', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_print_point_id'))
    op.drop_table('notice_print')


def downgrade():
    op.create_table('notice_print',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('printed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('user_email', sa.String(length=254), nullable=True),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('point_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['point_id'], ['point.id'], name=op.f('fk_notice_print_point_id_point')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_notice_print_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice_print'))
    )
    with op.batch_alter_table('notice_print', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_print_point_id'), ['point_id'], unique=False)

    with op.batch_alter_table('public_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_public_revision_point_id'))
    op.drop_table('public_revision')
    with op.batch_alter_table('notice_posting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_posting_point_id'))
    op.drop_table('notice_posting')
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_column('auditor')
    with op.batch_alter_table('point', schema=None) as batch_op:
        batch_op.drop_column('content_version')
