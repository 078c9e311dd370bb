"""What the kolla-ansible and openstack-ansible flavours share: network choice, secrets note.

Placement and attribute values come from the realisation mapping (racompiler.targets.mapping and
racompiler.targets.realise); nothing here names a catalog component.
"""

from __future__ import annotations

from collections.abc import Sequence

from racompiler.graph.plan import Plan

# What each deployer generates itself, and the command that does it: no generated file holds a
# password (docs/secrets.md).
SECRETS = {
    "kolla": ("passwords.yml", "kolla-genpwd",
              "cp /path/to/kolla-ansible/etc/kolla/passwords.yml /etc/kolla/passwords.yml && kolla-genpwd"),
    "openstack-ansible": ("user_secrets.yml", "pw-token-gen.py",
                          "cp /opt/openstack-ansible/etc/openstack_deploy/user_secrets.yml /etc/openstack_deploy/ && "
                          "/opt/openstack-ansible/scripts/pw-token-gen.py --file /etc/openstack_deploy/user_secrets.yml"),
}


def network_for(plan: Plan, role_networks: Sequence[str], purposes: tuple[str, ...]) -> str | None:
    """The first of ``role_networks`` whose purpose is in ``purposes`` (searched in that order)."""
    nets = plan.model.networks
    for purpose in purposes:
        for n in role_networks:
            if nets[n].purpose == purpose:
                return n
    return None


def secrets_note(deployer: str) -> str:
    """``SECRETS.md``: which secrets file the deployer needs and how to generate it."""
    file, tool, command = SECRETS[deployer]
    return (f"# Secrets for {deployer}\n\n"
            "racompiler writes no password, key or token: the RA holds none, and no generated file does.\n"
            f"Before deploying, create `{file}` with {deployer}'s own generator (`{tool}`):\n\n"
            f"    {command}\n\n"
            "Every service password, database password and messaging password is set there.\n")
