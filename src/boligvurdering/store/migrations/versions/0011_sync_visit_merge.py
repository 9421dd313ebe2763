"""sync_visit: the visit document last exchanged (the base of a field-by-field merge) and a pending action

Existing rows keep an empty base (the server then treats every differing field as a conflict,
never as a silent overwrite) and no pending action.

Revision ID: 0011v
Revises: 0005i
Create Date: 2026-11-30 02:55:00
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0011v'
down_revision = '0009h'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_visit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('base_json', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('action', sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('sync_visit', schema=None) as batch_op:
        batch_op.drop_column('action')
        batch_op.drop_column('base_json')
