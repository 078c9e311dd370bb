"""The catalog's services of a current cloud reach kolla-ansible and openstack-ansible: the
kolla_production example's settings land where each deployer reads them, and its components
join the deployers' own host groups. (The deployers' own code judges the same outputs in
test_kolla_judge.py and test_osa_judge.py.)"""

from __future__ import annotations

import pytest

from conftest import REPO
from racompiler.api import build
from racompiler.targets.ansible.yamlout import load_yaml

EXAMPLE = str(REPO / "architectures" / "kolla_production.ra")


@pytest.fixture(scope="module")
def kolla():
    result = build(EXAMPLE, ["ansible"], None, options={"ansible_flavor": "kolla"})
    assert result.ok, [d.message for d in result.errors]
    return result, {a.relpath: a.text for a in result.artifacts}


@pytest.fixture(scope="module")
def osa():
    result = build(EXAMPLE, ["ansible"], None, options={"ansible_flavor": "openstack-ansible"})
    assert result.ok, [d.message for d in result.errors]
    return result, {a.relpath: a.text for a in result.artifacts}


def test_every_setting_is_realised_by_kolla(kolla):
    result, files = kolla
    assert not [d for d in result.diagnostics if d.code in ("RA640", "RA642", "RA690") and "config" in d.message]
    g = load_yaml(files["ansible/globals.yml"])
    assert g["neutron_plugin_agent"] == "ovn" and g["neutron_ovn_distributed_fip"] is True
    assert g["octavia_loadbalancer_topology"] == "ACTIVE_STANDBY"
    assert g["designate_ns_record"] == "ns1.cloud.example.org"
    assert g["keepalived_virtual_router_id"] == "42"
    assert g["cinder_backup_driver"] == "ceph" and g["glance_backend_ceph"] is True
    # Deployed components on, the others off (kolla would otherwise deploy its own defaults).
    for flag in ("enable_octavia", "enable_designate", "enable_barbican", "enable_cinder_backup", "enable_memcached"):
        assert g[flag] is True, flag
    for flag in ("enable_manila", "enable_ironic", "enable_aodh", "enable_gnocchi"):
        assert g[flag] is False, flag


def test_components_join_openstack_ansible_groups(osa):
    result, files = osa
    config = load_yaml(files["ansible/openstack_user_config.yml"])
    controllers = ["controller-001", "controller-002", "controller-003"]
    for group in ("dnsaas_hosts", "key_manager_hosts", "octavia_infra_hosts", "memcaching_hosts",
                  "load_balancer_hosts", "placement_infra_hosts", "network_northd_hosts"):
        assert sorted(config[group]) == controllers, group
    variables = load_yaml(files["ansible/user_variables.yml"])
    assert variables["neutron_plugin_type"] == "ml2.ovn"
    assert variables["octavia_loadbalancer_topology"] == "ACTIVE_STANDBY"
    assert variables["haproxy_keepalived_internal_virtual_router_id"] == 42
    assert variables["cinder_service_backup_program_enabled"] is True
    assert variables["cinder_cinder_conf_overrides"]["DEFAULT"]["backup_driver"] == \
        "cinder.backup.drivers.ceph.CephBackupDriver"
    # The one setting openstack-ansible takes elsewhere is said, not dropped.
    [ns] = [d for d in result.diagnostics if d.code == "RA642"]
    assert "designate.ns_record" in ns.message and ns.span.file.endswith("kolla_production.ra")
    # The external VIP is on the public network; floating IPs on their own provider network.
    overrides = config["global_overrides"]
    assert overrides["external_lb_vip_address"].startswith("198.51.100.")
    physnet = [n["network"] for n in overrides["provider_networks"] if n["network"].get("net_name") == "physnet1"]
    assert physnet == [{"container_bridge": "br-provider", "container_type": "veth", "net_name": "physnet1",
                        "type": "vlan", "range": "30:30", "group_binds": ["neutron_ovn_controller"]}]
