"""``python -m racompiler``: the same entry point as the ``racompiler`` console script."""

from racompiler.entry import main

if __name__ == "__main__":  # pragma: no cover - exercised through the CLI tests
    main()
