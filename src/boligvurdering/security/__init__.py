"""Pure security building blocks: passwords, key store, ciphers, audit hash chain, instance lock.

Nothing here touches the database or Qt; services wire these into use cases.
"""
