"""The dashboard's pages (one file each, run by ``app.py``) and their shared state module."""
