"""Late binding: match the roles of an architecture to a real node inventory.

``inventory`` reads and validates the inventory (``inventory.schema.json``), ``match`` turns a
hardware profile into requirements, ``solve`` assigns nodes with a min-cost max-flow, ``explain``
says why a role cannot be filled, ``render`` writes ``binding.json``, ``api`` is the entry point
(:func:`racompiler.binding.api.bind_plan`) and ``cli`` holds the ``bind`` and ``schema`` commands.
"""
