"""The store's reads, one module per reader: the CLI, the explorer, analysis, exports, the graph."""
