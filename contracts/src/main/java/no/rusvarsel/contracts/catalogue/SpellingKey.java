package no.rusvarsel.contracts.catalogue;

/**
 * A looser key over a {@link NameKey} that folds the spelling differences between English and
 * Norwegian drug names: ph→f, th→t, c→k, x→ks, y→i, z→s, doubled letters, a final "e".
 */
final class SpellingKey {

    private SpellingKey() {
    }

    static String of(String nameKey) {
        var s = nameKey
                .replace("ph", "f")
                .replace("th", "t")
                .replace("ck", "k")
                .replace("c", "k")
                .replace("x", "ks")
                .replace("y", "i")
                .replace("z", "s");
        var out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (out.length() > 0 && out.charAt(out.length() - 1) == ch && Character.isLetter(ch)) {
                continue;
            }
            out.append(ch);
        }
        if (out.length() > 3 && out.charAt(out.length() - 1) == 'e') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }
}
