"""Heat's engine, started without a cloud: the stand-ins ``verify`` needs.

Imported only by :mod:`racompiler.targets.heat.verify`, after ``heat`` is known to be importable.
What runs is Heat's own code; only the ways out of the process are cut:

- ``cloud_backend`` points at :class:`OfflineClients`: Heat's real client plugins, whose
  ``client()`` raises :class:`OfflineAPICall`, and whose capability questions (API version,
  endpoint, extension, Nova's absolute limits) are answered as a current cloud would;
- custom constraints that need an API (``nova.flavor``, ``glance.image``...) accept any value;
  the offline ones (``net_cidr``, ``ip_addr``...) still run;
- the engine RPC client refuses calls; the DB count of engine services answers 1; the
  per-stack resource limit (a DB count) is off.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any


class OfflineAPICall(Exception):
    """A resource plugin tried to reach a cloud API during validation."""

    def __init__(self, client: str, call: str) -> None:
        super().__init__(f"offline, API call skipped: {client}.{call}")


def _refuse(client: str, call: str):
    def _call(*_args: Any, **_kwargs: Any) -> Any:
        raise OfflineAPICall(client, call)
    return _call


def _answer(value: Any):
    return lambda *_args, **_kwargs: value


# Nova's limits as a generous cloud reports them (Server.validate checks metadata/personality sizes)
_LIMITS = {"maxServerMeta": 128, "maxPersonality": 5, "maxPersonalitySize": 10240,
           "maxTotalInstances": 100000, "maxTotalCores": 1000000, "maxTotalRAMSize": 10**9}


class _NoPlugin:
    """A client name Heat has no plugin for: questions answered no, calls refused."""

    def __init__(self, name: str) -> None:
        self._name = name

    def is_not_found(self, ex: Exception) -> bool:
        return isinstance(ex, OfflineAPICall)

    def __getattr__(self, attr: str) -> Any:
        return _answer(False) if attr.startswith("is_") else _refuse(self._name, attr)


class OfflineClients:
    """Stands in for ``heat.engine.clients.OpenStackClients`` (Heat's ``cloud_backend``)."""

    def __init__(self, context: Any) -> None:
        self.context = context
        self._plugins: dict[str, Any] = {}

    def client_plugin(self, name: str) -> Any:
        if name not in self._plugins:
            from heat.engine import clients

            mgr = clients._mgr
            if mgr is not None and name in mgr.names():
                plugin = mgr[name].plugin(self.context)
                real_not_found = plugin.is_not_found
                plugin.client = _refuse(name, "client")
                plugin.url_for = _refuse(name, "url_for")
                plugin.is_version_supported = _answer(True)
                plugin.does_endpoint_exist = _answer(True)
                plugin.has_extension = _answer(True)
                plugin.absolute_limits = _answer(dict(_LIMITS))
                plugin.is_not_found = lambda ex, _real=real_not_found: isinstance(ex, OfflineAPICall) or _real(ex)
            else:
                plugin = _NoPlugin(name)
            self._plugins[name] = plugin
        return self._plugins[name]

    def client(self, name: str, version: Any = None) -> Any:
        raise OfflineAPICall(name, "client")


class _RefuseRPC:
    def __getattr__(self, attr: str) -> Any:
        return _refuse("heat-engine-rpc", attr)


@lru_cache(maxsize=1)
def start_heat() -> Any:
    """Configure and initialise Heat once per process; the request context to validate with."""
    from heat.common import config as _config  # noqa: F401  (registers Heat's options)
    from heat.common import context
    from heat.engine import constraints, resources
    from heat.engine import resource as resource_mod
    from heat.objects import service
    from oslo_config import cfg

    logging.getLogger("heat").setLevel(logging.CRITICAL)
    logging.getLogger("stevedore").setLevel(logging.CRITICAL)
    cfg.CONF.set_override("cloud_backend", f"{__name__}.OfflineClients")
    cfg.CONF.set_override("max_resources_per_stack", -1)
    constraints.BaseCustomConstraint.validate = lambda self, value, ctx: True
    resource_mod.Resource.rpc_client = lambda self: _RefuseRPC()
    service.Service.active_service_count = classmethod(lambda cls, ctx: 1)
    resources.initialise()
    return context.RequestContext(user_id="offline", project_id="offline", auth_token="offline",
                                  is_admin=False, auth_token_info={})
