"""Semantics: decode blocks into declarations, load imports, resolve names into the Model."""
