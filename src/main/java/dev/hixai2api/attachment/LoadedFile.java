package dev.hixai2api.attachment;

/** An attachment's bytes and recognised kind, ready for upload. */
public record LoadedFile(byte[] bytes, FileKind kind) {

    @Override
    public String toString() {
        return "LoadedFile[" + kind + ", " + bytes.length + " bytes]";
    }
}
