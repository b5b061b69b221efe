"""Integraal arrangeren, one Django app per feature (docs/adr/0005-feature-apps.md):

- route/      the traject through the nine steps, the MDO and its verslag
- jeugdhulp/  jeugdhulp inzet under a traject, hours and the region's kaders
- tlv/        TLV requests: the school prepares, the SWV reviews and decides
- werk/       the home page "Mijn werk", which asks each feature for its work items

Dependencies run one way: route <- jeugdhulp, route <- tlv, and werk asks everyone
through an AppConfig hook (tests/test_architectuur.py checks it).
"""
