"""Use cases the views and the command line call."""
