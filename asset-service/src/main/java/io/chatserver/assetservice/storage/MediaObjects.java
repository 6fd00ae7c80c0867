package io.chatserver.assetservice.storage;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URL;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The media objects in the private bucket: written whole (small files the service has checked),
 * in parts straight from the client (presigned part URLs), read back for the check, and handed out
 * as short-lived presigned download URLs. Nothing here decides who may do what.
 */
public final class MediaObjects {

    private final S3AsyncClient s3;
    private final S3Presigner presigner;
    private final String bucket;

    MediaObjects(S3AsyncClient s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    public Mono<Void> put(String key, byte[] bytes, String contentType) {
        return Mono.fromFuture(() -> s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType)
                .contentLength((long) bytes.length), AsyncRequestBody.fromBytes(bytes))).then();
    }

    /** Starts a multipart upload; emits its upload id. */
    public Mono<String> startMultipart(String key) {
        return Mono.fromFuture(() -> s3.createMultipartUpload(request -> request.bucket(bucket).key(key)))
                .map(response -> response.uploadId());
    }

    /** The parts S3 holds for an upload, in part-number order (all pages of ListParts). */
    public Mono<List<Part>> parts(String key, String uploadId) {
        return Flux.from(s3.listPartsPaginator(request -> request.bucket(bucket).key(key).uploadId(uploadId)).parts())
                .collectList()
                .map(parts -> parts.stream().sorted(Comparator.comparing(Part::partNumber)).toList());
    }

    public URL presignPart(String key, String uploadId, int partNumber, Duration ttl) {
        return presigner.presignUploadPart(request -> request.signatureDuration(ttl)
                .uploadPartRequest(part -> part.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber))).url();
    }

    public Mono<Void> completeMultipart(String key, String uploadId, List<Part> parts) {
        List<CompletedPart> completed = new ArrayList<>();
        parts.forEach(part -> completed.add(CompletedPart.builder().partNumber(part.partNumber()).eTag(part.eTag()).build()));
        return Mono.fromFuture(() -> s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(completed)))).then();
    }

    public Mono<Void> abortMultipart(String key, String uploadId) {
        return Mono.fromFuture(() -> s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)))
                .then()
                .onErrorResume(NoSuchUploadException.class, gone -> Mono.empty());
    }

    /** The object's bytes as they arrive from S3, in order. */
    public Flux<ByteBuffer> read(String key) {
        return Mono.fromFuture(() -> s3.getObject(request -> request.bucket(bucket).key(key),
                        AsyncResponseTransformer.toPublisher()))
                .flatMapMany(Flux::from);
    }

    /** Whether the object exists (HeadObject). */
    public Mono<Boolean> exists(String key) {
        return Mono.fromFuture(() -> s3.headObject(request -> request.bucket(bucket).key(key)))
                .thenReturn(true)
                .onErrorResume(e -> e instanceof NoSuchKeyException
                        || e instanceof S3Exception s3e && s3e.statusCode() == 404, missing -> Mono.just(false));
    }

    /** Deleting what is not there succeeds (S3 semantics), so a repeated clean-up is harmless. */
    public Mono<Void> delete(String key) {
        return Mono.fromFuture(() -> s3.deleteObject(request -> request.bucket(bucket).key(key))).then();
    }

    public URL presignDownload(String key, String contentType, Duration ttl) {
        return presigner.presignGetObject(request -> request.signatureDuration(ttl)
                .getObjectRequest(get -> get.bucket(bucket).key(key).responseContentType(contentType))).url();
    }
}
