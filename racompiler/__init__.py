"""racompiler: compile declarative OpenStack reference architectures (RAs).

The public Python API lives in :mod:`racompiler.api`.
"""

__version__ = "0.1.0"
