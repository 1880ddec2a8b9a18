"""The single exception root of conceptgraph.

Library code raises these (wrapping foreign errors with ``raise ... from e``) and
the CLI translates them once: :class:`UsageError` exits 2, everything else 1.
Every message ends with a next step the user can take.
"""

from __future__ import annotations


class ConceptGraphError(Exception):
    """Root of all conceptgraph errors: a runtime failure (exit code 1)."""

    exit_code = 1


class UsageError(ConceptGraphError):
    """The user asked for something that cannot work as asked (exit code 2)."""

    exit_code = 2


class InputError(ConceptGraphError):
    """An input file or record could not be read."""


class ModelError(ConceptGraphError):
    """The embedding model could not be loaded (we never download)."""


class WorkspaceError(ConceptGraphError):
    """The SQLite workspace is missing, locked or unreadable."""


class Neo4jError(ConceptGraphError):
    """Neo4j could not be reached or refused the request."""
