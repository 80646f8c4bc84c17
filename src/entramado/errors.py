"""Error types of entramado; each message says what went wrong and what to do about it."""

from __future__ import annotations


class EntramadoError(Exception):
    """Base class: an error the CLI reports as one line, without a traceback."""


class ReadError(EntramadoError):
    """An input could not be read as an article (empty, binary, not XML, no answer…)."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class ModelNotInstalledError(EntramadoError):
    """A spaCy pipeline that entramado needs is not installed in this environment."""

    def __init__(self, model: str, install: str) -> None:
        super().__init__(
            f"the spaCy model '{model}' is not installed. Install it with:\n    {install}\n"
            "(or run `make install`, which installs both models)"
        )
        self.model = model


class UnsupportedLanguageError(EntramadoError):
    """The article is in a language entramado has no pipeline for."""

    def __init__(self, language: str, supported: tuple[str, ...]) -> None:
        super().__init__(f"language '{language}' is not supported (supported: {', '.join(supported)})")
        self.language = language


class StoreError(EntramadoError):
    """The database could not be opened, migrated or written."""


class NoDatabaseError(StoreError):
    """A command that reads was pointed at a database that does not exist (only ``ingest`` creates one)."""

    def __init__(self, where: str) -> None:
        super().__init__(
            f"no database at {where}. Check --db (or $ENTRAMADO_DB), or create it by ingesting "
            f"articles: entramado ingest ARTICLES --db {where}"
        )
        self.where = where


class ExtractionError(EntramadoError):
    """Extraction could not run where it was asked to (a Dask cluster unreachable, a batch lost on it)."""


class ActorNotFoundError(EntramadoError):
    """No stored actor matches the name the user asked for."""

    def __init__(self, query: str, suggestions: list[str]) -> None:
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no actor matches '{query}'.{hint}")
        self.query = query
        self.suggestions = suggestions


class AmbiguousActorError(EntramadoError):
    """A name given for a judgement (merge, split, not-same) names several stored actors."""

    def __init__(self, query: str, actors: list[tuple[str, str]]) -> None:
        listed = ", ".join(f"{name} ({type})" for name, type in actors)
        hint = "add --type" if len({type for _, type in actors}) > 1 else "use a fuller name"
        super().__init__(f"'{query}' names {len(actors)} actors: {listed}; {hint} to say which.")
        self.query = query
        self.actors = actors


class ExportError(EntramadoError):
    """An export could not be written: unknown format, or a destination that is in the way."""


class ModelError(EntramadoError):
    """A trained model directory that cannot be used: missing, corrupt, or made for something else."""

    def __init__(self, folder: object, reason: str) -> None:
        super().__init__(
            f"the model in {folder} cannot be loaded: {reason}. Retrain it with `entramado train` "
            "(or `make models`), or choose another with --model or $ENTRAMADO_MODEL."
        )
        self.folder = folder
        self.reason = reason
