"""The dependency graph (networkx) and the deployment plan built from it."""
