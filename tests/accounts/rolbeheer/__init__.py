"""Roles per organisation with four eyes: a beheerder proposes, another confirms.

De Regenboog has two beheerders in the demo: Sophie (schoolbeheer@) and Dirk
(directie@, also its director and named contact).
"""
