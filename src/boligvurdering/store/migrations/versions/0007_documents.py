"""documents: consent per recipient, disclosure log, fastlege, gnr/bnr, diagnosis text

Revision ID: 0007d
Revises: 0006f
Create Date: 2026-11-29 23:40:00
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0007d'
down_revision = '0006f'
branch_labels = None
depends_on = None


def _base_columns() -> list[sa.Column]:
    return [sa.Column('id', sa.Uuid(), nullable=False),
            sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
            sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
            sa.Column('visit_id', sa.Uuid(), nullable=False)]


def _indexes(table: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f'ix_{table}_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f(f'ix_{table}_visit_id'), ['visit_id'], unique=False)


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table('consent', *_base_columns(),
                    sa.Column('recipient', text(), nullable=False),
                    sa.Column('given', sa.Boolean(), nullable=False),
                    sa.Column('given_on', sa.Date(), nullable=False),
                    sa.Column('form', text(), nullable=False),
                    sa.Column('recorded_by', text(), nullable=False),
                    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('visit_id', 'recipient'))
    _indexes('consent')
    op.create_table('disclosure', *_base_columns(),
                    sa.Column('document', text(), nullable=False),
                    sa.Column('recipient', text(), nullable=False),
                    sa.Column('sent_on', sa.Date(), nullable=False),
                    sa.Column('channel', text(), nullable=False),
                    sa.Column('sent_by', text(), nullable=False),
                    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('id'))
    _indexes('disclosure')
    # Existing rows are carried forward with empty values (server defaults).
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gp_name', text(), server_default='', nullable=False))
    with op.batch_alter_table('dwelling', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gnr', text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('bnr', text(), server_default='', nullable=False))
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('condition', sa.Text(), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_column('condition')
    with op.batch_alter_table('dwelling', schema=None) as batch_op:
        batch_op.drop_column('bnr')
        batch_op.drop_column('gnr')
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.drop_column('gp_name')
    for table in ('disclosure', 'consent'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_visit_id'))
            batch_op.drop_index(batch_op.f(f'ix_{table}_updated_at'))
        op.drop_table(table)
