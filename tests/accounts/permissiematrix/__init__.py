"""Every named URL of the project x every persona, split by area.

Adding a URL without an entry in one of the `matrix_*.py` modules (merged in
`matrix.py`) fails `test_every_named_url_has_a_matrix_entry` (`test_matrix.py`):
whoever adds a view decides, in this table, who may reach it.
"""
