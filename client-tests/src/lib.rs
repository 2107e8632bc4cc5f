//! Nothing here: this package exists for its tests (`tests/`) and to build the generated
//! `update_group` example as a binary those tests can run.
