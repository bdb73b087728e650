// The header from C++11: it compiles with -pedantic -Werror inside
// extern "C" guards, and a small program lists images through it.
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include <genesiscloud.h>

namespace {

struct EmulatorStop {
    void operator()(gc_emulator *e) const { gc_emulator_stop(e); }
};
struct ClientFree {
    void operator()(gc_client *c) const { gc_client_free(c); }
};
struct PagerFree {
    void operator()(gc_pager *p) const { gc_pager_free(p); }
};
struct ObjectFree {
    void operator()(gc_object *o) const { gc_object_free(o); }
};
struct ErrorFree {
    void operator()(gc_error *e) const { gc_error_free(e); }
};

int fail(const char *what, gc_error *raw) {
    std::unique_ptr<gc_error, ErrorFree> err(raw);
    std::fprintf(stderr, "test_cpp: %s: %s\n", what, gc_error_message(err.get()));
    return 1;
}

}  // namespace

int main() {
    gc_error *err = nullptr;
    gc_emulator *raw_emu = nullptr;
    if (gc_emulator_start(&raw_emu, &err) != GC_OK) return fail("emulator", err);
    std::unique_ptr<gc_emulator, EmulatorStop> emu(raw_emu);
    // The contract's 2020 images, whose "distribution" type today's API no longer defines.
    if (gc_emulator_reset(emu.get(), "legacy", &err) != GC_OK) return fail("reset", err);

    gc_client_options options = gc_client_options_default();
    options.base_url = gc_emulator_base_url(emu.get());
    options.token = gc_emulator_token(emu.get());
    gc_client *raw_client = nullptr;
    if (gc_client_new(&options, &raw_client, &err) != GC_OK) return fail("client", err);
    std::unique_ptr<gc_client, ClientFree> client(raw_client);

    gc_list_params params = gc_list_params_default();
    params.image_type = "distribution";
    gc_pager *raw_pager = nullptr;
    if (gc_images_list(client.get(), &params, &raw_pager, &err) != GC_OK) return fail("list", err);
    std::unique_ptr<gc_pager, PagerFree> pager(raw_pager);

    std::string names;
    gc_object *raw_item = nullptr;
    gc_status status;
    while ((status = gc_pager_next(pager.get(), &raw_item, &err)) == GC_OK) {
        std::unique_ptr<gc_object, ObjectFree> item(raw_item);
        names += gc_object_name(item.get());
        names += ';';
    }
    if (status != GC_DONE) return fail("next", err);
    if (names != "Ubuntu 16.04;Ubuntu 18.04;") {
        std::fprintf(stderr, "test_cpp: unexpected images %s\n", names.c_str());
        return 1;
    }
    if (std::strcmp(gc_error_code_name(GC_ERROR_NOT_FOUND), "not_found") != 0) return 1;
    std::printf("test_cpp: ok\n");
    return 0;
}
