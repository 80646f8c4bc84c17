"""The annotate stage: spaCy pipelines with entramado's registered components."""

from entramado.annotate.pipeline import MODELS, load_pipeline

__all__ = ["MODELS", "load_pipeline"]
