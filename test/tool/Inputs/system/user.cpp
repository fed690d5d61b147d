#include <syslib.h>
int main() {}
