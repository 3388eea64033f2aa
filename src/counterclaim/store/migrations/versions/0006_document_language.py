"""Documents keep their language: ``language`` (ISO 639-1, indexed) and ``paragraph_languages``.

Both are nullable: documents stored before this revision have no language until they are
ingested again; extraction identifies it on the fly for them.

Revision ID: 0006
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("language", sa.String(8), nullable=True))
    op.add_column("documents", sa.Column("paragraph_languages", sa.JSON, nullable=True))
    op.create_index("ix_documents_language", "documents", ["language"])


def downgrade() -> None:
    op.drop_index("ix_documents_language", table_name="documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("paragraph_languages")
        batch.drop_column("language")
