"""The page's tabs, one module each building its tab's layout (layout.py assembles them
under the shared filters). TABS are their values, as the URL's `tab=` keeps them."""

CHART = "chart"  # the first tab: absent from the URL
TABS = (CHART, "table", "map", "changes", "try-it", "sources", "about")
