"""Syntax: text to Lark tree (:mod:`.parser`) to the generic AST (:mod:`.ast`, :mod:`.builder`)."""
