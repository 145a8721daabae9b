#!/usr/bin/env python3
"""Talks to xapi-sim with the official XenAPI Python SDK (pip install XenAPI).

An independent client: if the simulator spoke anything but real XML-RPC the way XAPI
does, this would fail. Reads the master URL, a member URL and the password from the
environment (never argv) and prints one JSON object with what it saw.
"""
import json
import os
import sys

import XenAPI

CLASSES = ["pool", "host", "PIF", "Bond", "network", "VLAN", "tunnel", "SR", "PBD", "VM"]


def main():
    master = os.environ["SIM_MASTER_URL"]
    member = os.environ.get("SIM_MEMBER_URL")
    password = os.environ["SIM_PASSWORD"]
    report = {"counts": {}}

    session = XenAPI.Session(master, ignore_ssl=True)
    session.xenapi.login_with_password("root", password, "1.0", "xenapi-sdk-probe")
    for name in CLASSES:
        records = getattr(session.xenapi, name).get_all_records()
        report["counts"][name] = len(records)
    pool_ref = session.xenapi.pool.get_all()[0]
    master_ref = session.xenapi.pool.get_master(pool_ref)
    report["master_name"] = session.xenapi.host.get_name_label(master_ref)
    report["default_SR_type"] = session.xenapi.SR.get_type(session.xenapi.pool.get_default_SR(pool_ref))
    pif = next(iter(session.xenapi.PIF.get_all_records().values()))
    report["pif_MTU"] = pif["MTU"]
    report["pif_host_is_ref"] = pif["host"].startswith("OpaqueRef:")
    session.xenapi.session.logout()

    if member:
        try:
            XenAPI.Session(member, ignore_ssl=True).xenapi.login_with_password("root", password, "1.0", "probe")
            report["member_login"] = "accepted"
        except XenAPI.Failure as failure:
            report["member_login"] = failure.details
    try:
        XenAPI.Session(master, ignore_ssl=True).xenapi.login_with_password("root", password + "x", "1.0", "probe")
        report["wrong_password"] = "accepted"
    except XenAPI.Failure as failure:
        report["wrong_password"] = failure.details[0]
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
