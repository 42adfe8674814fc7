/* main.c — the bulwark binary: everything is in app_main. */
#include "bulwark/app.h"

int main(int argc, char **argv)
{
    return app_main(argc, argv);
}
