"""Wegwijzer: guidance for people caught in human trafficking in the Netherlands.

Kept import-free so that `bot.rules` and the command line start fast.
"""
