"""Resolution: which stored actor an article's entity is, and the user's judgements, replayed."""
