"""TLV pages: the request's own pages, one view per action, the SWV's overview."""
