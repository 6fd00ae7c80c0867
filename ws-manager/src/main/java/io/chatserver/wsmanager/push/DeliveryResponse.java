package io.chatserver.wsmanager.push;

/** How many connected devices the frame was published to (0: none online; the message store has it). */
record DeliveryResponse(long devicesFound) {
}
