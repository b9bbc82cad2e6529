"""Residence status, benefit regime and who is responsible, from when (issue 5).

`lotse.status.rules` is the dated rules engine: pure Python over plain data, no database.
"""
