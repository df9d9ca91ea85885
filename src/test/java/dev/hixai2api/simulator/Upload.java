package dev.hixai2api.simulator;

/** A file PUT to a presigned upload URL. */
public record Upload(byte[] bytes, String contentType) {
}
