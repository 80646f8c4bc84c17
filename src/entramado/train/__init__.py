"""The training stage: annotation files, features from them, learning the extractor, cross-validation."""
