"""What the dashboard's pages show and do, as pure functions: one module per page or group of pages.

Nothing here imports Streamlit. The pages in ``app_pages/`` read their widgets, call one of these
functions and render what it returns, so every number, table and message a page shows is a function
a test can check.

Layer: the top of the package beside the CLI; it may import every layer below it (core, analyses,
formats, changes, workspace, pictures, board pack). Only ``app.py`` and ``app_pages/`` import it.
"""
