"""``racompiler lsp``: a language server for RA files over standard input/output.

The server (:mod:`.server`) is thin pygls wiring; what it answers is computed by plain functions
that know nothing of JSON-RPC:

- :mod:`.convert`: file names and URIs, positions (LSP counts in UTF-16 units by default, the
  compiler in characters) and diagnostics (the compiler's, as ``check --format json`` reports
  them, placed in the open document);
- :mod:`.analysis`: compiling an open document's unsaved text with its configuration, as
  ``check`` would compile the saved file;
- :mod:`.symbols`: what an RA file and the modules it imports declare, for hover, go-to-definition
  and completion;
- :mod:`.context`: what the cursor is on (a name in ``runs``, a key in ``configure X {}``...),
  read from the text itself so that it works while the buffer does not parse;
- :mod:`.features`: hover, definition, completion and formatting answers;
- :mod:`.command`: the ``racompiler lsp`` click command.

pygls and lsprotocol are an optional extra (``pip install racompiler[lsp]``); only this package
imports them, and :mod:`.command` (which :mod:`racompiler.cli` imports) only once the command runs.
"""
