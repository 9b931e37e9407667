"""fora-model dashboard: the router. Page config, the language, the shared analysis settings, navigation.

Run ``streamlit run app.py`` (opens the sample school from the workspace) or
``streamlit run app.py -- --model FILE`` (or set ``FORA_MODEL_FILE``) to put another model into the
workspace and open it. The workspace is ``workspace/`` here or ``$FORA_MODEL_WORKSPACE``. The pages
live in ``app_pages/``. The interface speaks Dutch or English (the sidebar's "Taal / Language",
``?lang=nl`` in the address; by default the open model's language).
"""

import streamlit as st

from app_pages import state
from fora_model.dashboard.common import md_escape
from fora_model.i18n import _, n_

PATHS = ["direct", "function", "type", "parent"]

st.set_page_config(page_title="fora-model", page_icon=state.favicon(), layout="wide")
state.apply_language()  # before any text is drawn: every _() below speaks the session's language

PATH_LABELS = {"direct": _("direct"), "function": _("application function"), "type": _("system type"),
               "parent": _("process above")}
LEVEL_LABELS = {"auto": _("Automatic"), "application": _("Applications"), "system_type": _("System types")}

pages = st.navigation({
    _("Analyse"): [
        st.Page("app_pages/overview.py", title=_("Overview"), icon=":material/space_dashboard:", default=True),
        st.Page("app_pages/landscape.py", title=_("Landscape map"), icon=":material/grid_view:"),
        st.Page("app_pages/graph_explorer.py", title=_("Graph explorer"), icon=":material/hub:"),
        st.Page("app_pages/rationalisation.py", title=_("Rationalisation"), icon=":material/content_cut:"),
        st.Page("app_pages/board_view.py", title=_("Board view"), icon=":material/co_present:"),
    ],
    _("Decide"): [
        st.Page("app_pages/applications.py", title=_("Applications"), icon=":material/apps:"),
        st.Page("app_pages/scenarios.py", title=_("Scenarios"), icon=":material/compare_arrows:"),
        st.Page("app_pages/risks.py", title=_("Privacy and risks"), icon=":material/shield:"),
    ],
    _("Board"): [
        st.Page("app_pages/board.py", title=_("Schools side by side"), icon=":material/domain:"),
    ],
    _("Model"): [
        st.Page("app_pages/edit_map.py", title=_("Map"), icon=":material/account_tree:"),
        st.Page("app_pages/edit_elements.py", title=_("Elements"), icon=":material/table_edit:"),
        st.Page("app_pages/edit_links.py", title=_("Links"), icon=":material/link:"),
        st.Page("app_pages/history.py", title=_("History"), icon=":material/history:"),
        st.Page("app_pages/import_export.py", title=_("Import and export"), icon=":material/swap_vert:"),
        st.Page("app_pages/model_page.py", title=_("Model"), icon=":material/database:"),
    ],
}, expanded=True)  # every page in view: none hides behind "View more"

problem = state.workspace_problem()
if problem:
    with st.sidebar:
        state.language_input()
    st.error(problem, icon=":material/error:")
    st.stop()
state.require_sign_in()  # a shared workspace shows nothing until someone signs in

with st.sidebar:
    state.language_input()
    names = state.store().names()
    current = state.model_name()
    if names:
        st.selectbox(_("Workspace model"), names, index=names.index(current) if current in names else None,
                     key=f"fm_pick_{current}", placeholder=_("Choose a model"),
                     on_change=lambda: state.open_model(st.session_state[f"fm_pick_{current}"]))
    model = state.current_model()
    if model is not None:
        st.caption(_("{model} · revision {revision} · {elements}", model=md_escape(model.name or _("Unnamed model")),
                     revision=state.revision(), elements=n_("{n} element", "{n} elements", len(model.elements))))
    state.author_input()
    st.radio(_("Supporters are"), list(LEVEL_LABELS), key="fm_level", horizontal=False,
             format_func=LEVEL_LABELS.__getitem__,
             help=_("Automatic counts applications when any application supports something, else system types."))
    st.multiselect(_("Support paths"), PATHS, default=PATHS, key="fm_paths", format_func=PATH_LABELS.__getitem__,
                   help=_("How support reaches an element: direct links, through an application function, "
                          "through a system type the application realizes, or from a process above it."))
    if not st.session_state.get("fm_paths"):
        st.caption(_("No path chosen: all four are used."))

state.show_notice()
pages.run()
