package com.shopkhaos.infra.dynamodb;

import com.shopkhaos.infra.io.Gzip;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Text that may be large (raw messages up to 1 MiB) in a DynamoDB item (400 KB at most): kept as
 * {@code <name>} when small, gzipped as {@code <name>Gzip} when not, cut (with a note) only if even
 * the gzipped text would not fit.
 */
final class LargeText {
    /** Text above this is gzipped. */
    static final int PLAIN_LIMIT = 32 * 1024;
    /** Compressed text above this is cut, leaving room for the rest of the item. */
    static final int STORED_LIMIT = 350 * 1024;

    private LargeText() {
    }

    /** The attribute name this text is stored under and its value. */
    static Map.Entry<String, AttributeValue> attribute(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= PLAIN_LIMIT) {
            return Map.entry(name, AttributeValue.fromS(text.isEmpty() ? " " : text));
        }
        return Map.entry(name + "Gzip", AttributeValue.fromB(SdkBytes.fromByteArray(gzip(bytes))));
    }

    /** The other attribute name (to remove when this one is written). */
    static String otherName(String name, Map.Entry<String, AttributeValue> written) {
        return written.getKey().equals(name) ? name + "Gzip" : name;
    }

    static String read(Map<String, AttributeValue> item, String name) {
        AttributeValue zipped = item.get(name + "Gzip");
        AttributeValue plain = item.get(name);
        return read(plain == null ? null : plain.s(), zipped == null ? null : zipped.b());
    }

    /** The text from its two attributes as a mapped row holds them (either may be {@code null}). */
    static String read(String plain, SdkBytes zipped) {
        if (zipped != null) {
            return new String(Gzip.unzip(zipped.asByteArray()), StandardCharsets.UTF_8);
        }
        return plain == null || plain.equals(" ") ? "" : plain;
    }

    private static byte[] gzip(byte[] data) {
        byte[] zipped = Gzip.zip(data);
        if (zipped.length > STORED_LIMIT) {
            byte[] note = ("[" + data.length + " bytes were too large to keep whole; the first part follows]\n")
                    .getBytes(StandardCharsets.UTF_8);
            int keep = Math.min(data.length, STORED_LIMIT - 1024);
            byte[] cut = new byte[note.length + keep];
            System.arraycopy(note, 0, cut, 0, note.length);
            System.arraycopy(data, 0, cut, note.length, keep);
            return gzip(cut);
        }
        return zipped;
    }
}
