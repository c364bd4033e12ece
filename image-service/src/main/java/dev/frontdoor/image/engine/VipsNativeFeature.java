package dev.frontdoor.image.engine;

import java.lang.foreign.Linker;
import org.graalvm.nativeimage.hosted.Feature;
import org.graalvm.nativeimage.hosted.RuntimeForeignAccess;

/**
 * Native image must generate the downcall stubs at build time: every libvips signature is registered here
 * (enabled by {@code --features} in application.properties). Runs only inside the native-image builder.
 */
public final class VipsNativeFeature implements Feature {

    @Override
    public void duringSetup(DuringSetupAccess access) {
        for (VipsDowncalls.Downcall call : VipsDowncalls.ALL) {
            if (call.firstVariadic() < 0) {
                RuntimeForeignAccess.registerForDowncall(call.descriptor());
            } else {
                RuntimeForeignAccess.registerForDowncall(call.descriptor(),
                        Linker.Option.firstVariadicArg(call.firstVariadic()));
            }
        }
    }
}
