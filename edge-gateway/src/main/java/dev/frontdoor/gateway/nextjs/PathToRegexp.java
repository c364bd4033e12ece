package dev.frontdoor.gateway.nextjs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Next.js's path patterns, as its router compiles them (path-to-regexp 6 with {@code delimiter: '/'},
 * case-insensitive, strict, anchored at both ends): {@code :name} (one segment), {@code :name*} (zero or more),
 * {@code :name+} (one or more), {@code :name?} (optional), {@code :name(regex)} and bare {@code (regex)} (unnamed, so
 * not usable in a destination), {@code {…}} groups, and {@code \\} to escape {@code ( ) { } : * + ?}. Written
 * here rather than taken from a library: no maintained Java port of path-to-regexp 6 exists, and matching must be
 * exactly Next.js's. An invalid pattern throws {@link IllegalArgumentException} with the reason.
 */
public final class PathToRegexp {

    private static final String DEFAULT_PATTERN = "[^\\/]+?";
    private static final String PREFIXES = "./";

    /** A parameter: its name (numbered when unnamed), prefix and suffix text, pattern and modifier. */
    record Key(String name, boolean named, String prefix, String suffix, String pattern, String modifier) {

        boolean repeated() {
            return modifier.equals("*") || modifier.equals("+");
        }

        boolean optional() {
            return modifier.equals("*") || modifier.equals("?");
        }
    }

    private final String source;
    private final Pattern regex;
    private final List<Key> keys;
    private final List<Object> tokens;

    private PathToRegexp(String source, Pattern regex, List<Key> keys, List<Object> tokens) {
        this.source = source;
        this.regex = regex;
        this.keys = keys;
        this.tokens = tokens;
    }

    public static PathToRegexp compile(String source) {
        List<Object> tokens = parse(source);
        StringBuilder route = new StringBuilder("^");
        List<Key> keys = new ArrayList<>();
        for (Object token : tokens) {
            if (token instanceof String text) {
                route.append(escape(text));
                continue;
            }
            Key key = (Key) token;
            String prefix = escape(key.prefix());
            String suffix = escape(key.suffix());
            if (!key.pattern().isEmpty()) {
                keys.add(key);
                if (!prefix.isEmpty() || !suffix.isEmpty()) {
                    if (key.repeated()) {
                        String mod = key.modifier().equals("*") ? "?" : "";
                        route.append("(?:").append(prefix).append("((?:").append(key.pattern()).append(")(?:")
                                .append(suffix).append(prefix).append("(?:").append(key.pattern()).append("))*)")
                                .append(suffix).append(")").append(mod);
                    } else {
                        route.append("(?:").append(prefix).append("(").append(key.pattern()).append(")")
                                .append(suffix).append(")").append(key.modifier());
                    }
                } else if (key.repeated()) {
                    route.append("((?:").append(key.pattern()).append(")").append(key.modifier()).append(")");
                } else {
                    route.append("(").append(key.pattern()).append(")").append(key.modifier());
                }
            } else {
                route.append("(?:").append(prefix).append(suffix).append(")").append(key.modifier());
            }
        }
        route.append("$");
        try {
            return new PathToRegexp(source, Pattern.compile(route.toString(), Pattern.CASE_INSENSITIVE), List.copyOf(keys),
                    List.copyOf(tokens));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("\"" + source + "\" is not a valid pattern: " + e.getDescription());
        }
    }

    /**
     * The named parameters when {@code path} matches: a single value, or for {@code *} and {@code +} the list of
     * segments. Unnamed groups are left out, as Next.js leaves them out of custom routes.
     */
    public Optional<Map<String, Object>> match(String path) {
        Matcher m = regex.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            String value = m.group(i + 1);
            if (value == null || !key.named()) {
                continue;
            }
            params.put(key.name(), key.repeated() ? List.of(value.split(Pattern.quote(key.prefix() + key.suffix()), -1))
                    : value);
        }
        return Optional.of(params);
    }

    /** Whether {@code path} matches (for Next.js {@code matcher} entries, which capture nothing). */
    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    /** The named parameters, in order. */
    public List<String> parameterNames() {
        return keys.stream().filter(Key::named).map(Key::name).toList();
    }

    /**
     * This pattern filled in with {@code params} (path-to-regexp's {@code compile}): a list joins with its
     * prefix; a missing optional parameter leaves out its prefix too; values are percent-encoded for a path.
     * Throws {@link IllegalArgumentException} when a required parameter has no value.
     */
    public String fill(Map<String, Object> params) {
        StringBuilder path = new StringBuilder();
        for (Object token : tokens) {
            if (token instanceof String text) {
                path.append(text);
                continue;
            }
            Key key = (Key) token;
            Object value = params.get(key.name());
            if (value instanceof List<?> list && !list.isEmpty()) {
                List<String> parts = list.stream().map(v -> Encoding.pathSegment(String.valueOf(v))).toList();
                path.append(key.prefix()).append(String.join(key.suffix() + key.prefix(), parts)).append(key.suffix());
            } else if (value != null && !(value instanceof List<?>)) {
                path.append(key.prefix()).append(Encoding.pathSegment(String.valueOf(value))).append(key.suffix());
            } else if (!key.optional()) {
                throw new IllegalArgumentException("\"" + source + "\" needs a value for :" + key.name());
            }
        }
        return path.toString();
    }

    @Override
    public String toString() {
        return source;
    }

    // ---- path-to-regexp 6's lexer and parser

    private record Lexeme(String type, int index, String value) {
    }

    private static List<Lexeme> lex(String str) {
        List<Lexeme> tokens = new ArrayList<>();
        int i = 0;
        while (i < str.length()) {
            char c = str.charAt(i);
            if (c == '*' || c == '+' || c == '?') {
                tokens.add(new Lexeme("MODIFIER", i, String.valueOf(str.charAt(i++))));
            } else if (c == '\\') {
                if (i + 1 >= str.length()) {
                    throw new IllegalArgumentException("\"" + str + "\" ends with an escape");
                }
                tokens.add(new Lexeme("ESCAPED_CHAR", i, String.valueOf(str.charAt(i + 1))));
                i += 2;
            } else if (c == '{') {
                tokens.add(new Lexeme("OPEN", i, String.valueOf(str.charAt(i++))));
            } else if (c == '}') {
                tokens.add(new Lexeme("CLOSE", i, String.valueOf(str.charAt(i++))));
            } else if (c == ':') {
                int j = i + 1;
                StringBuilder name = new StringBuilder();
                while (j < str.length() && isNameChar(str.charAt(j))) {
                    name.append(str.charAt(j++));
                }
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("\"" + str + "\" has a parameter without a name at " + i);
                }
                tokens.add(new Lexeme("NAME", i, name.toString()));
                i = j;
            } else if (c == '(') {
                int count = 1;
                StringBuilder pattern = new StringBuilder();
                int j = i + 1;
                if (j < str.length() && str.charAt(j) == '?') {
                    throw new IllegalArgumentException("\"" + str + "\": a pattern cannot start with \"?\" at " + j);
                }
                while (j < str.length()) {
                    char d = str.charAt(j);
                    if (d == '\\') {
                        pattern.append(d).append(j + 1 < str.length() ? str.charAt(j + 1) : "");
                        j += 2;
                        continue;
                    }
                    if (d == ')') {
                        count--;
                        if (count == 0) {
                            j++;
                            break;
                        }
                    } else if (d == '(') {
                        count++;
                        if (j + 1 >= str.length() || str.charAt(j + 1) != '?') {
                            throw new IllegalArgumentException("\"" + str + "\": capturing groups are not allowed at " + j);
                        }
                    }
                    pattern.append(str.charAt(j++));
                }
                if (count > 0) {
                    throw new IllegalArgumentException("\"" + str + "\" has an unbalanced pattern at " + i);
                }
                if (pattern.isEmpty()) {
                    throw new IllegalArgumentException("\"" + str + "\" has an empty pattern at " + i);
                }
                tokens.add(new Lexeme("PATTERN", i, pattern.toString()));
                i = j;
            } else {
                tokens.add(new Lexeme("CHAR", i, String.valueOf(str.charAt(i++))));
            }
        }
        tokens.add(new Lexeme("END", i, ""));
        return tokens;
    }

    private static boolean isNameChar(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
    }

    private static List<Object> parse(String str) {
        List<Lexeme> lexemes = lex(str);
        List<Object> result = new ArrayList<>();
        int[] position = {0};
        int unnamed = 0;
        StringBuilder path = new StringBuilder();
        while (position[0] < lexemes.size()) {
            String ch = take(lexemes, position, "CHAR");
            String name = take(lexemes, position, "NAME");
            String pattern = take(lexemes, position, "PATTERN");
            if (name != null || pattern != null) {
                String prefix = ch == null ? "" : ch;
                if (!PREFIXES.contains(prefix) || prefix.isEmpty()) {
                    path.append(prefix);
                    prefix = "";
                }
                if (!path.isEmpty()) {
                    result.add(path.toString());
                    path.setLength(0);
                }
                String modifier = take(lexemes, position, "MODIFIER");
                result.add(new Key(name != null ? name : Integer.toString(unnamed++), name != null, prefix, "",
                        pattern != null ? pattern : DEFAULT_PATTERN, modifier == null ? "" : modifier));
                continue;
            }
            String value = ch != null ? ch : take(lexemes, position, "ESCAPED_CHAR");
            if (value != null) {
                path.append(value);
                continue;
            }
            if (!path.isEmpty()) {
                result.add(path.toString());
                path.setLength(0);
            }
            if (take(lexemes, position, "OPEN") != null) {
                String prefix = text(lexemes, position);
                String groupName = take(lexemes, position, "NAME");
                String groupPattern = take(lexemes, position, "PATTERN");
                String suffix = text(lexemes, position);
                need(lexemes, position, "CLOSE", str);
                String modifier = take(lexemes, position, "MODIFIER");
                boolean named = groupName != null;
                String keyName = named ? groupName : groupPattern != null ? Integer.toString(unnamed++) : "";
                String keyPattern = named && groupPattern == null ? DEFAULT_PATTERN : groupPattern == null ? "" : groupPattern;
                result.add(new Key(keyName, named, prefix, suffix, keyPattern, modifier == null ? "" : modifier));
                continue;
            }
            need(lexemes, position, "END", str);
        }
        return result;
    }

    private static String take(List<Lexeme> lexemes, int[] position, String type) {
        if (position[0] < lexemes.size() && lexemes.get(position[0]).type().equals(type)) {
            return lexemes.get(position[0]++).value();
        }
        return null;
    }

    private static void need(List<Lexeme> lexemes, int[] position, String type, String str) {
        if (take(lexemes, position, type) == null) {
            Lexeme next = lexemes.get(position[0]);
            throw new IllegalArgumentException("\"" + str + "\": unexpected " + next.type().toLowerCase().replace('_', ' ')
                    + (next.value().isEmpty() ? "" : " \"" + next.value() + "\"") + " at " + next.index()
                    + ", expected " + type.toLowerCase());
        }
    }

    private static String text(List<Lexeme> lexemes, int[] position) {
        StringBuilder text = new StringBuilder();
        String value;
        while ((value = take(lexemes, position, "CHAR")) != null || (value = take(lexemes, position, "ESCAPED_CHAR")) != null) {
            text.append(value);
        }
        return text.toString();
    }

    private static String escape(String text) {
        return text.replaceAll("([.+*?=^!:${}()\\[\\]|/\\\\])", "\\\\$1");
    }
}
