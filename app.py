"""fora-model dashboard: the router. Page config, the shared analysis settings, navigation.

Run ``streamlit run app.py`` (opens the sample school from the workspace) or
``streamlit run app.py -- --model FILE`` (or set ``FORA_MODEL_FILE``) to put another model into the
workspace and open it. The workspace is ``workspace/`` here or ``$FORA_MODEL_WORKSPACE``. The pages
live in ``app_pages/``.
"""

import streamlit as st

from app_pages import state
from fora_model.dashboard.common import md_escape
from fora_model.i18n import _

PATHS = ["direct", "function", "type", "parent"]

st.set_page_config(page_title="fora-model", page_icon=state.favicon(), layout="wide")

pages = st.navigation({
    "Analyse": [
        st.Page("app_pages/overview.py", title="Overview", icon=":material/space_dashboard:", default=True),
        st.Page("app_pages/landscape.py", title="Landscape map", icon=":material/grid_view:"),
        st.Page("app_pages/graph_explorer.py", title="Graph explorer", icon=":material/hub:"),
        st.Page("app_pages/rationalisation.py", title="Rationalisation", icon=":material/content_cut:"),
        st.Page("app_pages/board_view.py", title="Board view", icon=":material/co_present:"),
    ],
    "Decide": [
        st.Page("app_pages/applications.py", title="Applications", icon=":material/apps:"),
        st.Page("app_pages/scenarios.py", title="Scenarios", icon=":material/compare_arrows:"),
        st.Page("app_pages/risks.py", title="Privacy and risks", icon=":material/shield:"),
    ],
    _("Board"): [
        st.Page("app_pages/board.py", title=_("Schools side by side"), icon=":material/domain:"),
    ],
    "Model": [
        st.Page("app_pages/edit_map.py", title="Map", icon=":material/account_tree:"),
        st.Page("app_pages/edit_elements.py", title="Elements", icon=":material/table_edit:"),
        st.Page("app_pages/edit_links.py", title="Links", icon=":material/link:"),
        st.Page("app_pages/history.py", title="History", icon=":material/history:"),
        st.Page("app_pages/import_export.py", title="Import and export", icon=":material/swap_vert:"),
        st.Page("app_pages/model_page.py", title="Model", icon=":material/database:"),
    ],
}, expanded=True)  # every page in view: none hides behind "View more"

problem = state.workspace_problem()
if problem:
    st.error(problem, icon=":material/error:")
    st.stop()
state.require_sign_in()  # a shared workspace shows nothing until someone signs in

with st.sidebar:
    names = state.store().names()
    current = state.model_name()
    if names:
        st.selectbox("Workspace model", names, index=names.index(current) if current in names else None,
                     key=f"fm_pick_{current}", placeholder="Choose a model",
                     on_change=lambda: state.open_model(st.session_state[f"fm_pick_{current}"]))
    model = state.current_model()
    if model is not None:
        st.caption(f"{md_escape(model.name or 'Unnamed model')} · revision {state.revision()} · "
                   f"{len(model.elements):,} elements")
    state.author_input()
    st.radio("Supporters are", ["auto", "application", "system_type"], key="fm_level", horizontal=False,
             format_func={"auto": "Automatic", "application": "Applications",
                          "system_type": "System types"}.__getitem__,
             help="Automatic counts applications when any application supports something, else system types.")
    st.multiselect("Support paths", PATHS, default=PATHS, key="fm_paths",
                   help="How support reaches an element: direct links, through an application function, "
                        "through a system type the application realizes, or from a process above it.")
    if not st.session_state.get("fm_paths"):
        st.caption("No path chosen: all four are used.")

state.show_notice()
pages.run()
