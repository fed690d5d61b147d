// No coroutine here: not selected.
int plain() { return 0; }
