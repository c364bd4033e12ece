package dev.frontdoor.testsupport.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a service's compiled classes and lists its HTTP endpoints with the access each one declares. A service is
 * deny-by-default when every endpoint (or its class) carries {@code @PermitAll}, {@code @Authenticated},
 * {@code @RolesAllowed} or {@code @DenyAll}; REST client interfaces are calls out, not endpoints, and are skipped.
 */
public final class EndpointAccess {

    private static final Set<String> ACCESS_ANNOTATIONS = Set.of(
            "jakarta.annotation.security.PermitAll", "jakarta.annotation.security.RolesAllowed",
            "jakarta.annotation.security.DenyAll", "io.quarkus.security.Authenticated");

    /** One resource method: {@code access} is the annotation that decides who may call it, or null. */
    public record Endpoint(String name, String access) {
    }

    private EndpointAccess() {
    }

    /** Every endpoint compiled into {@code classesDir} (a module's {@code target/classes}). */
    public static List<Endpoint> endpoints(Path classesDir) {
        List<Endpoint> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classesDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classesDir.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, EndpointAccess.class.getClassLoader());
                if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    if (isEndpoint(method)) {
                        String access = access(method);
                        found.add(new Endpoint(type.getSimpleName() + "#" + method.getName(),
                                access != null ? access : access(type)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static boolean isEndpoint(Method method) {
        return Arrays.stream(method.getAnnotations()).anyMatch(a ->
                a.annotationType().getName().equals("jakarta.ws.rs.Path") || Arrays.stream(
                        a.annotationType().getAnnotations()).anyMatch(m ->
                        m.annotationType().getName().equals("jakarta.ws.rs.HttpMethod")));
    }

    private static String access(AnnotatedElement element) {
        return Arrays.stream(element.getAnnotations()).map(Annotation::annotationType).map(Class::getName)
                .filter(ACCESS_ANNOTATIONS::contains).map(n -> n.substring(n.lastIndexOf('.') + 1))
                .findFirst().orElse(null);
    }
}
