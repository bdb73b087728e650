/* A peer that hangs up while the library is still writing must give an
 * error, not kill the process: C programs (unlike Rust, Python and Node
 * ones) keep SIGPIPE's default action, which is to terminate. */
#include <signal.h>
#include <unistd.h>

#include "genesiscloud.h"
#include "tls_check.h"

#define ROUNDS 12

/* The in-process HTTPS emulator answers over HTTP/2; when the client goes
 * away, its end still writes (a GOAWAY, TLS's close_notify) into a
 * connection the client has shut. */
static void a_client_hanging_up_on_the_emulator_is_survived(void) {
    int round;
    for (round = 0; round < ROUNDS; ++round) {
        gc_emulator *emu = NULL;
        gc_client *client = NULL;
        gc_page *page = NULL;
        gc_error *err = NULL;
        gc_client_options options = gc_client_options_default();
        CHECK(gc_emulator_start_tls(NULL, &emu, &err) == GC_OK);
        options.base_url = gc_emulator_base_url(emu);
        options.token = gc_emulator_token(emu);
        options.ca_bundle = gc_emulator_ca_path(emu);
        CHECK(gc_client_new(&options, &client, &err) == GC_OK);
        CHECK(gc_images_list_page(client, NULL, &page, &err) == GC_OK);
        gc_page_free(page);
        gc_client_free(client);
        gc_emulator_stop(emu);
    }
}

/* The library must not change what the program decided about SIGPIPE: a
 * handler the program installed still runs for its own broken pipes. */
static volatile sig_atomic_t handled = 0;
static void on_sigpipe(int sig) {
    (void)sig;
    handled = 1;
}

static void the_programs_own_sigpipe_still_arrives(void) {
    int fds[2];
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigpipe;
    CHECK(sigaction(SIGPIPE, &action, NULL) == 0);
    CHECK(pipe(fds) == 0);
    close(fds[0]);
    CHECK(write(fds[1], "x", 1) == -1);
    CHECK(handled == 1);
    close(fds[1]);
    action.sa_handler = SIG_DFL;
    CHECK(sigaction(SIGPIPE, &action, NULL) == 0);
}

int main(void) {
    a_client_hanging_up_on_the_emulator_is_survived();
    the_programs_own_sigpipe_still_arrives();
    printf("ok\n");
    return 0;
}
