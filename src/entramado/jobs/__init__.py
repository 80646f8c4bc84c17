"""The jobs: orchestration of the stages (ingest, parallel execution, reindex, eval)."""
