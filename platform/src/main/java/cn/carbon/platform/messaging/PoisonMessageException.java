package cn.carbon.platform.messaging;

/** A message that no retry will make acceptable; it belongs in the consumer's dead-letter topic. */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String reason) {
        super(reason);
    }

    public PoisonMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
