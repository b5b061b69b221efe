"""The Regiomonitor: aggregates of the region's cooperation of education and youth care
(docs/monitor.md). It lives with jeugdhulp because it reads the jeugdhulp inzet next to
the route, the OPP and the fasenmodel, which jeugdhulp may import and they may not."""
