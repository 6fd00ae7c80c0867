package io.chatserver.assetservice.asset;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AssetsProperties.class)
class AssetConfiguration {
}
